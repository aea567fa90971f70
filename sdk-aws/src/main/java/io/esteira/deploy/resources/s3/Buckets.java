package io.esteira.deploy.resources.s3;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What the S3 reconcilers and the deployer's checks ask of a bucket. */
public final class Buckets {

  /** What {@code HeadBucket} says of a bucket. */
  public enum Presence {
    /** It exists and this identity may use it. */
    PRESENT,
    /** No bucket has the name (404). */
    MISSING,
    /**
     * 403: it belongs to another account (bucket names are global) or to an account other than the
     * expected owner, or this identity lacks {@code s3:ListBucket} on it.
     */
    FORBIDDEN
  }

  private Buckets() {}

  /**
   * Whether {@code bucket} is there; with {@code owner}, a bucket of any other account reads as
   * {@link Presence#FORBIDDEN} (S3 refuses requests whose {@code x-amz-expected-bucket-owner} does
   * not match, Amazon S3 User Guide, "Verifying bucket ownership with bucket owner condition").
   */
  public static Presence presence(S3Client s3, String bucket, Optional<String> owner) {
    HeadBucketRequest.Builder request = HeadBucketRequest.builder().bucket(bucket);
    owner.ifPresent(request::expectedBucketOwner);
    try {
      s3.headBucket(request.build());
      return Presence.PRESENT;
    } catch (S3Exception e) {
      // HeadBucket answers with a status and no body, so the status is all there is to read.
      if (e.statusCode() == 404) {
        return Presence.MISSING;
      }
      if (e.statusCode() == 403) {
        return Presence.FORBIDDEN;
      }
      throw e;
    }
  }

  /** The call's answer, or empty when S3 answers with error {@code code} (nothing configured). */
  static <T> Optional<T> unlessAbsent(Supplier<T> call, String... codes) {
    try {
      return Optional.of(call.get());
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      for (String absent : codes) {
        if (absent.equals(code)) {
          return Optional.empty();
        }
      }
      throw e;
    }
  }
}
