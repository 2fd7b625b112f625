package dev.atelier.catalog.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Images as files under {@code atelier.media.directory}; a file is written aside and moved in whole. */
@Component
class FileSystemMediaStore implements MediaStore {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]+(/[a-z0-9.-]+)?");

    private final Path root;

    FileSystemMediaStore(MediaProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes) {
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    private Path resolve(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return root.resolve(key);
    }
}
