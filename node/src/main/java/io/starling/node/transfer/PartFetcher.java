package io.starling.node.transfer;

import io.starling.storage.error.ErrorCode;
import io.starling.storage.error.StarlingException;
import io.starling.storage.part.Checksums;
import io.starling.storage.part.PartFiles;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Fetches a part from a replica's data port into {@code <tableDirectory>/tmp_fetch_<part>}: first its
 * {@code checksums.txt}, then every file it lists, resuming each file from the bytes already there (a retry after a
 * broken connection sends only the rest), then verifies every file against the checksums. The caller publishes
 * the verified directory with {@code MergeTreeTable.attachPart}, so a part becomes visible only complete and
 * checksummed. A mismatch deletes the temporary directory and fails with CHECKSUM_DOESNT_MATCH.
 *
 * <p>Blocking (sockets, disk): call it on the blocking-IO dispatcher. Thread-safe; at most {@code maxConcurrent}
 * fetches run at once per fetcher (others wait).
 */
public final class PartFetcher {
    public static final String TEMPORARY_PREFIX = "tmp_fetch_";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MAX_MESSAGE_BYTES = 1 << 16;

    private final Semaphore slots;

    public PartFetcher(int maxConcurrent) {
        this.slots = new Semaphore(maxConcurrent);
    }

    /** Where {@link #fetch} puts a part before it is attached. */
    public static Path temporaryDirectory(Path tableDirectory, String partName) {
        return tableDirectory.resolve(TEMPORARY_PREFIX + partName);
    }

    /**
     * Fetches {@code partName} of {@code tableId} from {@code source} (host:port) and answers the verified
     * temporary directory, every file forced to disk. Throws StarlingException ALL_REPLICAS_ARE_STALE (retryable)
     * when the source lacks the part, is busy or cannot be reached (fetch from another replica), and
     * CHECKSUM_DOESNT_MATCH when the bytes are not what checksums.txt lists.
     */
    public Path fetch(String source, String tableId, String partName, Path tableDirectory) {
        slots.acquireUninterruptibly();
        try {
            Path temporary = temporaryDirectory(tableDirectory, partName);
            Files.createDirectories(temporary);
            Path checksumFile = temporary.resolve(PartFiles.CHECKSUMS);
            Files.deleteIfExists(checksumFile);
            fetchFile(source, tableId, partName, PartFiles.CHECKSUMS, checksumFile, -1);
            Checksums checksums = Checksums.parse(PartFiles.readText(checksumFile), temporary);
            for (Map.Entry<String, Checksums.Entry> entry : checksums.entries().entrySet()) {
                if (!DataPortProtocol.safeName(entry.getKey())) {
                    throw new StarlingException(ErrorCode.CORRUPTED_DATA, "Part [" + partName + "] from [" + source
                            + "] lists the unsafe file name [" + entry.getKey() + "]");
                }
                fetchFile(source, tableId, partName, entry.getKey(), temporary.resolve(entry.getKey()),
                        entry.getValue().size());
            }
            try {
                checksums.verify(temporary);
            } catch (StarlingException e) {
                PartFiles.deleteRecursively(temporary);
                throw new StarlingException(ErrorCode.CHECKSUM_DOESNT_MATCH, "Part [" + partName + "] fetched from ["
                        + source + "] does not match its checksums (" + e.getMessage() + "); fetch it again", e);
            }
            PartFiles.fsyncDirectory(temporary);
            return temporary;
        } catch (IOException e) {
            throw new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "Cannot fetch part [" + partName
                    + "] of table [" + tableId + "] from [" + source + "]: " + e + "; retry or fetch from another"
                    + " replica", e);
        } finally {
            slots.release();
        }
    }

    /** Fetches one file, resuming from the bytes already in {@code target} when its final size is known. */
    private void fetchFile(String source, String tableId, String partName, String fileName, Path target,
                           long expectedSize) throws IOException {
        long offset = Files.exists(target) ? Files.size(target) : 0;
        if (expectedSize >= 0 && offset == expectedSize) {
            return;
        }
        if (expectedSize >= 0 && offset > expectedSize) {
            Files.delete(target);
            offset = 0;
        }
        DataPortProtocol.Request request = new DataPortProtocol.Request(tableId, partName, fileName, offset);
        try (Socket socket = connect(source)) {
            OutputStream output = socket.getOutputStream();
            output.write(request.line().getBytes(StandardCharsets.UTF_8));
            output.flush();
            DataInputStream input = new DataInputStream(socket.getInputStream());
            byte status = input.readByte();
            long length = input.readLong();
            if (status != DataPortProtocol.OK) {
                throw failure(status, readMessage(input, length), source, partName);
            }
            try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(target,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                copy(input, java.nio.channels.Channels.newOutputStream(file), length);
                file.force(true);
            }
        }
    }

    private static Socket connect(String source) throws IOException {
        int colon = source.lastIndexOf(':');
        if (colon <= 0) {
            throw new IOException("Data port address [" + source + "] is not host:port");
        }
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(source.substring(0, colon),
                    Integer.parseInt(source.substring(colon + 1))), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static void copy(InputStream input, OutputStream output, long length) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long remaining = length;
        while (remaining > 0) {
            int read = input.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new EOFException("Connection closed with " + remaining + " bytes missing");
            }
            output.write(buffer, 0, read);
            remaining -= read;
        }
    }

    private static String readMessage(DataInputStream input, long length) throws IOException {
        byte[] bytes = new byte[(int) Math.min(Math.max(length, 0), MAX_MESSAGE_BYTES)];
        input.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static StarlingException failure(byte status, String message, String source, String partName) {
        return switch (status) {
            case DataPortProtocol.NOT_FOUND -> new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, "Replica ["
                    + source + "] does not have part [" + partName + "]: " + message);
            case DataPortProtocol.BUSY -> new StarlingException(ErrorCode.ALL_REPLICAS_ARE_STALE, message);
            default -> new StarlingException(ErrorCode.STD_EXCEPTION, "Data port [" + source + "] failed: " + message);
        };
    }
}
