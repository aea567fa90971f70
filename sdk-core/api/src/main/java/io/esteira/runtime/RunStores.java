package io.esteira.runtime;

import io.esteira.diagnostics.Diagnostic;
import io.esteira.runtime.store.RunStore;
import io.esteira.runtime.store.RunStoreProvider;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Opens the run store a store root URI names ({@code ESTEIRA_STORE}) through the {@link
 * RunStoreProvider} registered for its scheme with {@link ServiceLoader}: {@code file} is built
 * into esteira-api, {@code s3} comes with esteira-s3.
 */
public final class RunStores {

  private RunStores() {}

  /**
   * The store rooted at {@code root}.
   *
   * @throws RunStoreException when the URI is malformed, no provider opens its scheme (for {@code
   *     s3}, the message names the module to add), or the provider fails to open it; the message is
   *     a rendered diagnostic for the user
   */
  public static RunStore open(String root, ClassLoader loader) {
    URI uri;
    try {
      uri = new URI(root.strip());
    } catch (URISyntaxException e) {
      throw failure(RuntimeMessage.RUN_STORE_BAD_URI, root, e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !uri.isAbsolute()) {
      throw failure(RuntimeMessage.RUN_STORE_BAD_URI, root, "it has no scheme");
    }
    if (!uri.isOpaque() && !uri.getRawPath().endsWith("/")) {
      // A root is a directory-like prefix; forgive the missing slash.
      uri = URI.create(uri + "/");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    TreeSet<String> known = new TreeSet<>();
    for (RunStoreProvider provider : ServiceLoader.load(RunStoreProvider.class, loader)) {
      if (provider.scheme().equalsIgnoreCase(scheme)) {
        try {
          return provider.open(uri);
        } catch (RuntimeException e) {
          throw failure(RuntimeMessage.RUN_STORE_CANNOT_OPEN, root, StepLauncher.cause(e));
        }
      }
      known.add(provider.scheme());
    }
    if (scheme.equals("s3")) {
      throw failure(RuntimeMessage.RUN_STORE_NEEDS_S3, root);
    }
    throw failure(RuntimeMessage.RUN_STORE_NO_PROVIDER, root, scheme, String.join(", ", known));
  }

  private static RunStoreException failure(RuntimeMessage message, Object... args) {
    return new RunStoreException(Diagnostic.error(message, null, args).render());
  }

  /** The store cannot be opened; the message is a rendered diagnostic. */
  public static final class RunStoreException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    RunStoreException(String message) {
      super(message);
    }
  }
}
