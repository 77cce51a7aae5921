package dk.brevrute.intake.printer;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import dk.brevrute.intake.config.IntakeConfig;
import dk.brevrute.intake.unit.QueueUris;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The units' print queues over HTTP: {@code ipp://host:port/ipp/print/<unit>} is a POST of
 * {@code application/ipp} to {@code http://host:port/ipp/print/<unit>} (RFC 8010 section 4). Job URIs
 * ({@code .../jobs/<id>}) take the same requests. Authentication is HTTP Basic with the unit's printer
 * credentials, not a bearer token.
 */
@Path(QueueUris.PATH)
public class IppResource {

    static final String IPP = "application/ipp";

    private final Printer printer;
    private final IntakeConfig config;

    IppResource(Printer printer, IntakeConfig config) {
        this.printer = printer;
        this.config = config;
    }

    @POST
    @Path("{unit}")
    @Consumes(IPP)
    @Produces(IPP)
    @Operation(summary = "IPP/2.0 print queue of a unit (Get-Printer-Attributes, Validate-Job, Print-Job, Create-Job, Send-Document, Get-Jobs, Get-Job-Attributes, Cancel-Job)")
    public Response queue(@PathParam("unit") String unit, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        String base = QueueUris.base(config.printer().publicUri(), uri.getRequestUri(), headers.getHeaderString(HttpHeaders.HOST));
        String web = base.replaceFirst("^ipps:", "https:").replaceFirst("^ipp:", "http:");
        Printer.Answer answer = printer.handle(unit, authorization, base, web, body == null ? new byte[0] : body);
        Response.ResponseBuilder response = Response.status(answer.httpStatus()).entity(answer.body()).type(IPP);
        answer.headers().forEach(response::header);
        return response.build();
    }

    @POST
    @Path("{unit}/jobs/{job}")
    @Consumes(IPP)
    @Produces(IPP)
    @Operation(summary = "A print job's URI: the same requests as its queue")
    public Response job(@PathParam("unit") String unit, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpHeaders headers, @Context UriInfo uri, byte[] body) {
        return queue(unit, authorization, headers, uri, body);
    }
}
