package io.esteira.operate;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Plays what moto cannot: an execution that ran ECS tasks. moto answers every execution's history
 * with one Pass state and keeps it RUNNING; this interceptor replaces the answers of
 * GetExecutionHistory with a fixture's events (those {@link #upTo} lets through, so a test can
 * advance the execution) and DescribeExecution's status and end with what those events say. Every
 * other call, and everything else in these two answers, is moto's.
 */
final class PlayedHistory implements ExecutionInterceptor {

  private final List<HistoryEvent> events;
  private volatile Predicate<HistoryEvent> shown = e -> true;

  PlayedHistory(String fixture) {
    this.events = RecordedHistory.load(fixture);
  }

  /** From now on, only the events up to {@code id}. */
  void upTo(long id) {
    shown = e -> e.id() <= id;
  }

  /** From now on, every event. */
  void all() {
    shown = e -> true;
  }

  private List<HistoryEvent> visible() {
    return events.stream().filter(shown).toList();
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    if (response instanceof GetExecutionHistoryResponse history) {
      return history.toBuilder().events(visible()).nextToken(null).build();
    }
    if (response instanceof DescribeExecutionResponse described) {
      String status = "RUNNING";
      Instant stop = null;
      for (HistoryEvent event : visible()) {
        HistoryEventType type = event.type();
        if (type == HistoryEventType.EXECUTION_FAILED) {
          status = "FAILED";
          stop = event.timestamp();
        } else if (type == HistoryEventType.EXECUTION_SUCCEEDED) {
          status = "SUCCEEDED";
          stop = event.timestamp();
        } else if (type == HistoryEventType.EXECUTION_TIMED_OUT) {
          status = "TIMED_OUT";
          stop = event.timestamp();
        } else if (type == HistoryEventType.EXECUTION_REDRIVEN) {
          status = "RUNNING";
          stop = null;
        }
      }
      return described.toBuilder()
          .status(status)
          .startDate(visible().get(0).timestamp())
          .stopDate(stop)
          .build();
    }
    return response;
  }
}
