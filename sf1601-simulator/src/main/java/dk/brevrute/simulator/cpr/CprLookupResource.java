package dk.brevrute.simulator.cpr;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import dk.brevrute.simulator.sf1601.Sf1601Auth;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The CPR register's person look-up as reached through Serviceplatformen (CPRReplikaOpslag): the
 * CPR number travels in the body, the answer is the person's name and address, and whether they
 * have name and address protection.
 */
@Path("/service/CPRReplikaOpslag_1/person")
public class CprLookupResource {

    record LookupRequest(String cprNumber) {
    }

    private final CprRegister register;
    private final Sf1601Auth auth;

    CprLookupResource(CprRegister register, Sf1601Auth auth) {
        this.register = register;
        this.auth = auth;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name and address of a person by CPR number; 404 when the register does not know it")
    public Response lookUp(LookupRequest request, @HeaderParam("Authorization") String authorization) {
        if (!auth.allows(authorization, false)) {
            return error(401, "UNAUTHORIZED", "a valid access token is required");
        }
        if (request == null || request.cprNumber() == null || !request.cprNumber().matches("[0-9]{10}")) {
            return error(400, "INVALID_CPR", "cprNumber must be 10 digits");
        }
        return register.lookUp(request.cprNumber())
                .map(p -> Response.ok(p).type(MediaType.APPLICATION_JSON).build())
                .orElseGet(() -> error(404, "UNKNOWN_PERSON", "the CPR register does not know this number"));
    }

    private static Response error(int status, String code, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("errorText", text);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
