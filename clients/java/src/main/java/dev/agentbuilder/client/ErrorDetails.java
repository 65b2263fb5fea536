package dev.agentbuilder.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the rich error details an agentbuilder server attaches to a failed call.
 *
 * <p>Errors carry a {@code google.rpc.Status} in the {@code grpc-status-details-bin} trailer: an
 * {@link ErrorInfo} (domain {@code "agentbuilder"}, a machine-readable reason) on every error and,
 * for invalid input, a {@link BadRequest} with one violation per field.
 *
 * <pre>{@code
 * try {
 *   client.blocks().createBlock(request);
 * } catch (StatusRuntimeException e) {
 *   ErrorDetails.badRequest(e).ifPresent(bad -> bad.getFieldViolationsList().forEach(...));
 * }
 * }</pre>
 */
public final class ErrorDetails {
  private ErrorDetails() {}

  /** The ErrorInfo of a failed call, if the server sent one. */
  public static Optional<ErrorInfo> errorInfo(Throwable error) {
    return first(error, ErrorInfo.class);
  }

  /** The BadRequest (field violations) of a failed call, if the server sent one. */
  public static Optional<BadRequest> badRequest(Throwable error) {
    return first(error, BadRequest.class);
  }

  /** Every detail of a failed call of the given type, in the order the server sent them. */
  public static <T extends Message> List<T> all(Throwable error, Class<T> type) {
    List<T> found = new ArrayList<>();
    com.google.rpc.Status status = StatusProto.fromThrowable(error);
    if (status == null) {
      return found;
    }
    for (Any detail : status.getDetailsList()) {
      if (detail.is(type)) {
        try {
          found.add(detail.unpack(type));
        } catch (InvalidProtocolBufferException e) {
          // A detail that does not parse is skipped rather than hiding the original error.
        }
      }
    }
    return found;
  }

  /**
   * One line for a person: {@code CODE: message}, then the ErrorInfo reason and any field
   * violations, for example {@code INVALID_ARGUMENT: invalid block (reason INVALID_ARGUMENT;
   * block.name: must not be empty)}.
   */
  public static String describe(Throwable error) {
    Status status = Status.fromThrowable(error);
    StringBuilder line = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      line.append(": ").append(status.getDescription());
    }
    List<String> extra = new ArrayList<>();
    errorInfo(error).ifPresent(info -> extra.add("reason " + info.getReason()));
    badRequest(error)
        .ifPresent(
            bad ->
                bad.getFieldViolationsList()
                    .forEach(v -> extra.add(v.getField() + ": " + v.getDescription())));
    if (!extra.isEmpty()) {
      line.append(" (").append(String.join("; ", extra)).append(')');
    }
    return line.toString();
  }

  private static <T extends Message> Optional<T> first(Throwable error, Class<T> type) {
    return all(error, type).stream().findFirst();
  }
}
