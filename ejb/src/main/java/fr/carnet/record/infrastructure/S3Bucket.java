package fr.carnet.record.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * JDK's own HTTP connection. The client is built at first use, only when the configuration chose
 * object storage.
 */
@ApplicationScoped
public class S3Bucket implements ObjectBucket {

  @Inject
  @ConfigProperty(name = "carnet.content.s3.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "carnet.content.s3.bucket", defaultValue = "carnet-contents")
  String bucket;

  @Inject
  @ConfigProperty(name = "carnet.content.s3.region", defaultValue = "us-east-1")
  String region;

  @Inject
  @ConfigProperty(name = "carnet.content.s3.access-key")
  Optional<String> accessKey;

  @Inject
  @ConfigProperty(name = "carnet.content.s3.secret-key")
  Optional<String> secretKey;

  // Most stores outside AWS, and s3proxy, name the bucket in the path, not in the host name.
  @Inject
  @ConfigProperty(name = "carnet.content.s3.path-style", defaultValue = "true")
  boolean pathStyle;

  // A store that does not answer fails the push within this time, with a 503 to retry.
  @Inject
  @ConfigProperty(name = "carnet.content.s3.timeout", defaultValue = "PT10S")
  Duration timeout;

  private S3Client client;

  @PostConstruct
  void connect() {
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
    endpoint.map(URI::create).ifPresent(builder::endpointOverride);
    client = builder.build();
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
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
