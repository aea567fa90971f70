package io.esteira.core.model;

import java.util.List;

/**
 * Who hears about the end of an execution.
 *
 * @param onSuccess e-mail addresses told of a successful execution
 * @param onFailure e-mail addresses told of a failed one, with the failed step and its cause
 */
public record Notifications(List<String> onSuccess, List<String> onFailure) {

  public Notifications {
    onSuccess = List.copyOf(onSuccess);
    onFailure = List.copyOf(onFailure);
  }
}
