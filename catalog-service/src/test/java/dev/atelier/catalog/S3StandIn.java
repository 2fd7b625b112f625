package dev.atelier.catalog;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An S3-compatible server in the test JVM (S3Proxy over jclouds' in-memory blob store, signature V4 with its own
 * keys), started once; the application context is pointed at it with {@code atelier.media.store=s3}, path-style
 * access and a key prefix, as for MinIO. {@link #failing} makes every object operation fail on the server side (an
 * S3 500), to show what the service answers when its store is down.
 */
public final class S3StandIn implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BUCKET = "atelier-media-test";
    public static final String PREFIX = "catalog/";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key-of-the-stand-in";

    private static volatile boolean failing;
    private static BlobStore blobs;
    private static URI endpoint;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        start();
        TestPropertyValues.of(
                "atelier.media.store=s3",
                "atelier.media.s3.endpoint=" + endpoint,
                "atelier.media.s3.region=eu-west-2",
                "atelier.media.s3.bucket=" + BUCKET,
                "atelier.media.s3.path-style-access=true",
                "atelier.media.s3.access-key=" + ACCESS_KEY,
                "atelier.media.s3.secret-key=" + SECRET_KEY,
                "atelier.media.s3.key-prefix=" + PREFIX,
                "atelier.media.s3.timeout=30s").applyTo(context);
    }

    private static synchronized void start() {
        if (blobs != null) {
            return;
        }
        Properties properties = new Properties();
        BlobStore memory = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class).getBlobStore();
        memory.createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder().blobStore(new Failable(memory))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("the S3 stand-in did not start", e);
        }
        endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        blobs = memory;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception e) {
                // the JVM ends anyway
            }
        }, "s3-stand-in-stop"));
    }

    /** The bucket's contents as the server holds them, to assert what the service wrote. */
    public static BlobStore blobs() {
        start();
        return blobs;
    }

    public static URI endpoint() {
        start();
        return endpoint;
    }

    /** From now on every object operation fails on the server, until {@code failing(false)}. */
    public static void failing(boolean fail) {
        failing = fail;
    }

    /** The in-memory store, failing on demand. */
    private static final class Failable extends ForwardingBlobStore {

        Failable(BlobStore delegate) {
            super(delegate);
        }

        private static void check() {
            if (failing) {
                throw new IllegalStateException("the stand-in's disk is on fire");
            }
        }

        @Override
        public String putBlob(String container, Blob blob) {
            check();
            return super.putBlob(container, blob);
        }

        @Override
        public String putBlob(String container, Blob blob, PutOptions options) {
            check();
            return super.putBlob(container, blob, options);
        }

        @Override
        public Blob getBlob(String container, String name) {
            check();
            return super.getBlob(container, name);
        }

        @Override
        public Blob getBlob(String container, String name, GetOptions options) {
            check();
            return super.getBlob(container, name, options);
        }

        @Override
        public void removeBlob(String container, String name) {
            check();
            super.removeBlob(container, name);
        }

        @Override
        public org.jclouds.blobstore.domain.BlobMetadata blobMetadata(String container, String name) {
            check();
            return super.blobMetadata(container, name);
        }
    }
}
