package dev.atelier.catalog.media;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the media store from {@code atelier.media.store}: files (the default) or an S3-compatible bucket. */
@Configuration(proxyBeanMethods = false)
class MediaStoreConfiguration {

    @Bean
    @ConditionalOnProperty(name = "atelier.media.store", havingValue = "filesystem", matchIfMissing = true)
    MediaStore fileSystemMediaStore(MediaProperties properties) {
        return new FileSystemMediaStore(properties.directory());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "atelier.media.store", havingValue = "s3")
    MediaStore s3MediaStore(MediaProperties properties) {
        return new S3MediaStore(properties.s3());
    }
}
