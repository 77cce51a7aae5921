package dk.brevrute.eboks.document;

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
public interface IntakeDocumentsApi {

    @GET
    @Path("/{documentId}")
    @Produces({"application/pdf", "application/problem+json"})
    Response fetch(@PathParam("documentId") String documentId, @QueryParam("department") String department,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/batch")
    @Consumes("application/json")
    @Produces({"application/json", "application/problem+json"})
    Response fetchAll(DocumentBatch.Request request, @HeaderParam("Authorization") String authorization);
}
