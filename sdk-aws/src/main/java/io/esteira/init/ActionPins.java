package io.esteira.init;

/**
 * The third-party actions the team workflows use, pinned by commit: a tag can be moved to other
 * code, a commit cannot. Each is the commit of the newest release tag in the action's repository
 * when it was last raised, and each release runs on the current Node runtime ({@code using: node24}
 * in its action.yml). The version goes into the workflow as a comment beside the commit, so a
 * reader (and Dependabot) sees what it is.
 */
public final class ActionPins {

  /** One action: its repository, the commit of the release, the release's tag. */
  public record Pin(String action, String sha, String version) {

    /** {@code owner/repo@sha}, followed by {@code # version} in the workflow. */
    public String uses() {
      return action + "@" + sha;
    }
  }

  public static final Pin CHECKOUT =
      new Pin("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1");

  public static final Pin SETUP_JAVA =
      new Pin("actions/setup-java", "b6effb05e454b25005698d916606bdc6ffcbf961", "v5.7.0");

  public static final Pin AWS_CREDENTIALS =
      new Pin(
          "aws-actions/configure-aws-credentials",
          "e6de054238d6b7531b4efff3b6587d9aade6a06c",
          "v6.2.3");

  private ActionPins() {}
}
