package dk.brevrute.print.document;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import dk.brevrute.events.DocumentBatch;

/** letter-intake's document endpoint for the delivering services. */
@Path("/internal/v1/documents")
public interface DocumentApi {

    @GET
    @Path("/{id}")
    @Produces("application/pdf")
    Response fetch(@HeaderParam("Authorization") String authorization, @PathParam("id") String documentId,
            @QueryParam("department") String department);

    @POST
    @Path("/batch")
    @Consumes("application/json")
    @Produces("application/json")
    DocumentBatch.Answer fetchAll(@HeaderParam("Authorization") String authorization, DocumentBatch.Request request);
}
