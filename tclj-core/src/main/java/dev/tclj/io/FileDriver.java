package dev.tclj.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.Path;

/**
 * A file on disk (Tcl's "file" channel type), through a {@link FileChannel}: seekable and
 * truncatable. Append mode moves to the end before every write, as O_APPEND does (Java refuses
 * to combine APPEND with READ, so it is done here).
 */
public final class FileDriver implements ChannelDriver {
    private final FileChannel fc;
    private final Path path;
    private final boolean append;

    public FileDriver(FileChannel fc, Path path, boolean append) {
        this.fc = fc;
        this.path = path;
        this.append = append;
    }

    @Override
    public String type() { return "file"; }

    @Override
    public String toString() { return "file " + path; }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return fc.read(ByteBuffer.wrap(b, off, len));
        } catch (NonReadableChannelException e) {
            throw PosixError.EBADF.exception();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            if (append) fc.position(fc.size());
            ByteBuffer bb = ByteBuffer.wrap(b, off, len);
            while (bb.hasRemaining()) fc.write(bb);
        } catch (NonWritableChannelException e) {
            throw PosixError.EBADF.exception();
        }
    }

    @Override
    public void close() throws IOException { fc.close(); }

    @Override
    public long seek(long offset, int whence) throws IOException {
        long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? fc.position() : fc.size();
        long p = base + offset;
        if (p < 0) throw PosixError.EINVAL.exception();
        fc.position(p);
        return p;
    }

    @Override
    public long position() throws IOException { return fc.position(); }

    @Override
    public boolean seekable() { return true; }

    @Override
    public void truncate(long length) throws IOException {
        try {
            long size = fc.size();
            if (length < size) {
                fc.truncate(length);
            } else if (length > size) {
                // FileChannel.truncate never grows a file; ftruncate does, with zeros
                fc.write(ByteBuffer.wrap(new byte[1]), length - 1);
            }
        } catch (NonWritableChannelException e) {
            throw PosixError.EINVAL.exception();
        }
    }
}
