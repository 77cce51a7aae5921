package dk.brevrute.routing.registry;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * KOMBIT Serviceplatformen SF1601, registration look-up. Its protocol puts the CPR number in the
 * query string (over TLS): the one place a CPR number is in a URL, which is therefore never logged.
 */
@RegisterRestClient(configKey = "sf1601")
@Path("/service/PostForespoerg_1")
interface Sf1601Client {

    record Answer(Boolean result) {
    }

    @GET
    @Path("/digitalpost")
    @Produces(MediaType.APPLICATION_JSON)
    Answer digitalPost(@QueryParam("cprNumber") String cprNumber,
            @HeaderParam("X-TransaktionsId") String transactionId,
            @HeaderParam("X-TransaktionsTid") String transactionTime,
            @HeaderParam("Authorization") String authorization);
}
