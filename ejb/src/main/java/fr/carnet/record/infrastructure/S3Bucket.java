package fr.carnet.record.infrastructure;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Any S3-compatible store (an HDS host's, MinIO, Ceph, AWS), through the AWS SDK for Java v2 on the
 * JDK's own HTTP connection. Not a CDI bean: {@link ObjectContentStore} makes it when the
 * configuration chose object storage, so that a deployment without the SDK on its class path (the
 * database store) never meets its types.
 */
final class S3Bucket implements ObjectBucket, AutoCloseable {

  private final String bucket;
  private final S3Client client;

  S3Bucket(Config config) {
    bucket =
        config.getOptionalValue("carnet.content.s3.bucket", String.class).orElse("carnet-contents");
    String region =
        config.getOptionalValue("carnet.content.s3.region", String.class).orElse("us-east-1");
    Optional<String> accessKey =
        config.getOptionalValue("carnet.content.s3.access-key", String.class);
    Optional<String> secretKey =
        config.getOptionalValue("carnet.content.s3.secret-key", String.class);
    // Most stores outside AWS, and s3proxy, name the bucket in the path, not in the host name.
    boolean pathStyle =
        config.getOptionalValue("carnet.content.s3.path-style", Boolean.class).orElse(true);
    // A store that does not answer fails the push within this time, with a 503 to retry.
    Duration timeout =
        config
            .getOptionalValue("carnet.content.s3.timeout", String.class)
            .map(Duration::parse)
            .orElse(Duration.ofSeconds(10));
    AwsCredentialsProvider credentials =
        accessKey.isPresent() && secretKey.isPresent()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKey.get(), secretKey.get()))
            : DefaultCredentialsProvider.builder().build();
    var builder =
        S3Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(timeout)
                    .socketTimeout(timeout)
                    .build())
            .overrideConfiguration(c -> c.apiCallTimeout(timeout.multipliedBy(2)))
            // Checksums only where the protocol requires them: many S3-compatible stores reject
            // the SDK's newer trailing checksums. Integrity is the segments' GCM tags' job.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(pathStyle).build());
    config
        .getOptionalValue("carnet.content.s3.endpoint", String.class)
        .map(URI::create)
        .ifPresent(builder::endpointOverride);
    client = builder.build();
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public void put(String key, Path file) {
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(bucket)
              .key(key)
              .contentType("application/octet-stream")
              .build(),
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw new Unavailable("The content store did not take the object", e);
    }
  }

  @Override
  public InputStream get(String key) {
    try {
      return client.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
    } catch (SdkException e) {
      throw new Unavailable("The content store did not give the object", e);
    }
  }

  @Override
  public void delete(String key) {
    try {
      client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
    } catch (SdkException e) {
      throw new Unavailable("The content store did not delete the object", e);
    }
  }
}
