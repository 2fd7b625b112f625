package dev.atelier.catalog.media;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Images as files under {@code atelier.media.directory} (the local default); a file is written aside and moved in
 * whole. The content type is not kept: the media table holds it.
 */
final class FileSystemMediaStore implements MediaStore {

    private static final Pattern KEY = Pattern.compile("[a-z0-9-]+(/[a-z0-9.-]+)?");

    private final Path root;

    FileSystemMediaStore(Path directory) {
        this.root = directory.toAbsolutePath().normalize();
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        Path target = resolve(key);
        try {
            try {
                write(target, bytes);
            } catch (NoSuchFileException e) {
                // the upload's directory went with its last object (delete) between making it and writing: again
                write(target, bytes);
            }
        } catch (IOException e) {
            throw MediaStoreUnavailable.because("store", key, e);
        }
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            Files.write(partial, bytes);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(Files.readAllBytes(resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw MediaStoreUnavailable.because("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw MediaStoreUnavailable.because("delete", key, e);
        }
        // an upload's last object takes its directory with it, so that deleted uploads leave no empty directories
        Path parent = target.getParent();
        if (!parent.equals(root)) {
            try {
                Files.deleteIfExists(parent);
            } catch (DirectoryNotEmptyException e) {
                // other objects of the upload are still there
            } catch (IOException e) {
                throw MediaStoreUnavailable.because("delete", key, e);
            }
        }
    }

    private Path resolve(String key) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return root.resolve(key);
    }
}
