package dev.agentbuilder.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.Status;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

class ErrorDetailsTest {
  @Test
  void readsErrorInfoAndBadRequestFromTheStatusTrailer() {
    var error =
        StatusProto.toStatusRuntimeException(
            Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage("invalid block")
                .addDetails(
                    Any.pack(
                        ErrorInfo.newBuilder()
                            .setDomain("agentbuilder")
                            .setReason("INVALID_ARGUMENT")
                            .build()))
                .addDetails(
                    Any.pack(
                        BadRequest.newBuilder()
                            .addFieldViolations(
                                BadRequest.FieldViolation.newBuilder()
                                    .setField("block.name")
                                    .setDescription("must not be empty"))
                            .build()))
                .build());

    assertEquals("agentbuilder", ErrorDetails.errorInfo(error).orElseThrow().getDomain());
    assertEquals(
        "block.name",
        ErrorDetails.badRequest(error).orElseThrow().getFieldViolations(0).getField());
    assertEquals(
        """
        INVALID_ARGUMENT: invalid block
          ErrorInfo reason=INVALID_ARGUMENT domain=agentbuilder
          BadRequest field=block.name description=must not be empty""",
        ErrorDetails.describe(error));
  }

  @Test
  void aPlainExceptionHasNoDetails() {
    var error = new IllegalStateException("not a gRPC error");

    assertTrue(ErrorDetails.errorInfo(error).isEmpty());
    assertTrue(ErrorDetails.badRequest(error).isEmpty());
    assertEquals("UNKNOWN", ErrorDetails.describe(error));
  }
}
