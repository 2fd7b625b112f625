package dev.atelier.catalog.media;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Images as objects of an S3-compatible bucket ({@code atelier.media.store=s3}), through the AWS SDK for Java v2:
 * AWS S3, MinIO, Cloudflare R2, Backblaze B2. An object is written with one PUT, so a reader sees it whole or not at
 * all. Checksums are sent and checked only where an operation requires them: the SDK's newer default (a CRC trailer
 * in aws-chunked uploads) is refused by several S3-compatible stores. Every call is bounded by
 * {@code atelier.media.s3.timeout}; a failure becomes a 503 problem, a missing object an empty answer.
 */
final class S3MediaStore implements MediaStore, AutoCloseable {

    /** What a CDN or browser reading the bucket directly may do: an object's key never holds other bytes. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final S3Client client;
    private final String bucket;
    private final String prefix;

    S3MediaStore(MediaProperties.S3 settings) {
        if (settings.bucket().isBlank()) {
            throw new IllegalStateException("atelier.media.store=s3 needs atelier.media.s3.bucket");
        }
        this.client = client(settings);
        this.bucket = settings.bucket();
        this.prefix = settings.keyPrefix();
    }

    private static S3Client client(MediaProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .forcePathStyle(settings.pathStyleAccess())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(override -> override.apiCallTimeout(settings.timeout()));
        URI endpoint = settings.endpoint();
        if (endpoint != null && !endpoint.toString().isBlank()) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(MediaProperties.S3 settings) {
        String accessKey = settings.accessKey();
        String secretKey = settings.secretKey();
        if (accessKey != null && !accessKey.isBlank() && secretKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(request -> request.bucket(bucket).key(prefix + key).contentType(contentType)
                    .cacheControl(CACHE_CONTROL), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw MediaStoreUnavailable.because("store", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(request -> request.bucket(bucket).key(prefix + key))
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw MediaStoreUnavailable.because("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw MediaStoreUnavailable.because("delete", key, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
