package io.esteira.image;

import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the registry an image is pushed to.
 *
 * @param registry the registry's host, with its port when not the default ({@code
 *     123456789012.dkr.ecr.us-east-1.amazonaws.com}, {@code 127.0.0.1:5000})
 * @param credentials the user name and password to log in with (for ECR: {@code AWS} and the
 *     authorization token's password), or empty for none
 * @param plainHttp whether the registry speaks plain HTTP; only ever true for a loopback registry
 */
public record RegistryAccess(
    String registry, Optional<Credentials> credentials, boolean plainHttp) {

  /** A user name and password; {@link #toString} never shows the password. */
  public record Credentials(String username, String password) {
    public Credentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=***]";
    }
  }

  public RegistryAccess {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(credentials, "credentials");
  }
}
