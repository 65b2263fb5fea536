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
   * For a person: {@code CODE: message} on the first line, then one line per detail the server
   * sent, for example
   *
   * <pre>
   * INVALID_ARGUMENT: invalid block
   *   ErrorInfo reason=INVALID_ARGUMENT domain=agentbuilder
   *   BadRequest field=block.name description=must not be empty
   * </pre>
   */
  public static String describe(Throwable error) {
    com.google.rpc.Status details = StatusProto.fromThrowable(error);
    if (details != null) {
      return describe(details);
    }
    Status status = Status.fromThrowable(error);
    return headline(status.getCode(), status.getDescription());
  }

  /**
   * The same for a {@code google.rpc.Status} the API returns in a message, such as the error of a
   * failed execution.
   */
  public static String describe(com.google.rpc.Status status) {
    StringBuilder text =
        new StringBuilder(
            headline(Status.fromCodeValue(status.getCode()).getCode(), status.getMessage()));
    for (Any detail : status.getDetailsList()) {
      try {
        if (detail.is(ErrorInfo.class)) {
          ErrorInfo info = detail.unpack(ErrorInfo.class);
          text.append("\n  ErrorInfo reason=")
              .append(info.getReason())
              .append(" domain=")
              .append(info.getDomain());
        } else if (detail.is(BadRequest.class)) {
          for (var violation : detail.unpack(BadRequest.class).getFieldViolationsList()) {
            text.append("\n  BadRequest field=")
                .append(violation.getField())
                .append(" description=")
                .append(violation.getDescription());
          }
        } else {
          text.append("\n  ").append(typeName(detail));
        }
      } catch (InvalidProtocolBufferException e) {
        text.append("\n  ").append(typeName(detail)).append(" (unreadable)");
      }
    }
    return text.toString();
  }

  private static String typeName(Any detail) {
    String url = detail.getTypeUrl();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private static String headline(Status.Code code, String message) {
    return message == null || message.isEmpty() ? code.name() : code.name() + ": " + message;
  }

  private static <T extends Message> Optional<T> first(Throwable error, Class<T> type) {
    return all(error, type).stream().findFirst();
  }
}
