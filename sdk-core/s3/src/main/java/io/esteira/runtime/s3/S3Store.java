package io.esteira.runtime.s3;

import io.esteira.runtime.store.ItemNames;
import io.esteira.runtime.store.MissingItemException;
import io.esteira.runtime.store.RunStore;
import io.esteira.runtime.store.StoreMessage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A run store in S3: item {@code <step>/<name>} is the object {@code <prefix><step>/<name>} of the
 * bucket. A PutObject replaces an object whole (S3 never shows half of one), so storing needs no
 * temporary key; fetching downloads into a temporary file next to the target and moves it into
 * place.
 */
final class S3Store implements RunStore {

  /** How many of a step's items a missing-item message lists. */
  private static final int LISTED = 20;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  S3Store(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public void fetch(String step, String name, Path target) throws IOException {
    String key = key(step, name);
    Path absolute = target.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path part = absolute.resolveSibling(".esteira-part-" + System.nanoTime());
    try {
      s3.getObject(
          GetObjectRequest.builder().bucket(bucket).key(key).build(),
          ResponseTransformer.toFile(part));
      try {
        Files.move(
            part, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (NoSuchKeyException e) {
      throw missing(step, name);
    } catch (S3Exception e) {
      // Without s3:ListBucket on the prefix, S3 answers 403 rather than 404 for a missing key
      // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html); the task role has
      // it, so only a real 404 is a missing item.
      if (e.statusCode() == 404) {
        throw missing(step, name);
      }
      throw new IOException("cannot fetch " + describe(step, name) + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw new IOException("cannot fetch " + describe(step, name) + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  @Override
  public void store(String step, String name, Path source) throws IOException {
    String key = key(step, name);
    try {
      s3.putObject(
          PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromFile(source));
    } catch (SdkException e) {
      throw new IOException("cannot store " + describe(step, name) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String describe(String step, String name) {
    return "s3://" + bucket + "/" + key(step, name);
  }

  private String key(String step, String name) {
    return prefix + ItemNames.checkStep(step) + "/" + ItemNames.checkName("item", name);
  }

  private MissingItemException missing(String step, String name) {
    return new MissingItemException(
        StoreMessage.DATA_MISSING_ITEM.describe(step, name, describe(step, name), stored(step)));
  }

  /** What step {@code step} stored, from one ListObjectsV2 call, for a message. */
  private String stored(String step) {
    String stepPrefix = prefix + step + "/";
    try {
      List<String> names =
          s3
              .listObjectsV2(
                  ListObjectsV2Request.builder()
                      .bucket(bucket)
                      .prefix(stepPrefix)
                      .maxKeys(LISTED)
                      .build())
              .contents()
              .stream()
              .map(S3Object::key)
              .map(k -> k.substring(stepPrefix.length()))
              .sorted()
              .toList();
      return names.isEmpty() ? "it stored nothing" : "it stored " + String.join(", ", names);
    } catch (SdkException e) {
      return "its outputs cannot be listed: " + e.getMessage();
    }
  }

  @Override
  public String toString() {
    return "S3Store[s3://" + bucket + "/" + prefix + "]";
  }
}
