package dk.brevrute.print.address;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.PostalAddress;

/**
 * The CPR register's person look-up (CPR replica through Serviceplatformen, or its simulator). The
 * CPR number travels in the body, never in the URL.
 */
@Path("/service/CPRReplikaOpslag_1")
public interface CprRegisterApi {

    record PersonRequest(String cprNumber) {
        @Override
        public String toString() {
            return "PersonRequest[cprNumber=**********]";
        }
    }

    record Person(String name, PostalAddress address, boolean addressProtected) {
    }

    @POST
    @Path("/person")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Person person(@HeaderParam("Authorization") String authorization, PersonRequest request);
}
