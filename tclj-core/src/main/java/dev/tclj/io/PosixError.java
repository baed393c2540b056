package dev.tclj.io;

import dev.tclj.TclException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.Map;

/**
 * POSIX error numbers as Tcl reports them: the errorCode word (ENOENT), Tcl's own message ("no such
 * file or directory", Tcl_ErrnoMsg) and the C library's strerror text, by which Java's exceptions
 * are recognised. Errors become {@code POSIX ENOENT {no such file or directory}} errorCodes.
 */
public enum PosixError {
    EPERM(1, "not owner", "Operation not permitted"),
    ENOENT(2, "no such file or directory", "No such file or directory"),
    ESRCH(3, "no such process", "No such process"),
    EINTR(4, "interrupted system call", "Interrupted system call"),
    EIO(5, "I/O error", "Input/output error"),
    ENXIO(6, "no such device or address", "No such device or address"),
    E2BIG(7, "argument list too long", "Argument list too long"),
    ENOEXEC(8, "exec format error", "Exec format error"),
    EBADF(9, "bad file number", "Bad file descriptor"),
    ECHILD(10, "no children", "No child processes"),
    EAGAIN(11, "resource temporarily unavailable", "Resource temporarily unavailable"),
    ENOMEM(12, "not enough memory", "Cannot allocate memory"),
    EACCES(13, "permission denied", "Permission denied"),
    EFAULT(14, "bad address in system call argument", "Bad address"),
    EBUSY(16, "file busy", "Device or resource busy"),
    EEXIST(17, "file already exists", "File exists"),
    EXDEV(18, "cross-domain link", "Invalid cross-device link"),
    ENODEV(19, "no such device", "No such device"),
    ENOTDIR(20, "not a directory", "Not a directory"),
    EISDIR(21, "illegal operation on a directory", "Is a directory"),
    EINVAL(22, "invalid argument", "Invalid argument"),
    ENFILE(23, "file table overflow", "Too many open files in system"),
    EMFILE(24, "too many open files", "Too many open files"),
    ENOTTY(25, "inappropriate device for ioctl", "Inappropriate ioctl for device"),
    ETXTBSY(26, "text file or pseudo-device busy", "Text file busy"),
    EFBIG(27, "file too large", "File too large"),
    ENOSPC(28, "no space left on device", "No space left on device"),
    ESPIPE(29, "invalid seek", "Illegal seek"),
    EROFS(30, "read-only file system", "Read-only file system"),
    EMLINK(31, "too many links", "Too many links"),
    EPIPE(32, "broken pipe", "Broken pipe"),
    ENAMETOOLONG(36, "file name too long", "File name too long"),
    ENOTEMPTY(39, "directory not empty", "Directory not empty"),
    ELOOP(40, "too many levels of symbolic links", "Too many levels of symbolic links"),
    ENOTSUP(95, "operation not supported", "Operation not supported"),
    ECONNABORTED(103, "software caused connection abort", "Software caused connection abort"),
    ECONNRESET(104, "connection reset by peer", "Connection reset by peer"),
    ECONNREFUSED(111, "connection refused", "Connection refused");

    public final int number;
    public final String message;
    final String strerror;

    PosixError(int number, String message, String strerror) {
        this.number = number;
        this.message = message;
        this.strerror = strerror;
    }

    private static final Map<Integer, PosixError> BY_NUMBER = new HashMap<>();
    private static final Map<String, PosixError> BY_TEXT = new HashMap<>();

    static {
        for (PosixError e : values()) {
            BY_NUMBER.put(e.number, e);
            BY_TEXT.put(e.strerror.toLowerCase(), e);
        }
    }

    /** The POSIX error behind a Java I/O exception (EIO when it cannot be told). */
    public static PosixError of(IOException e) {
        if (e instanceof PosixException pe) return pe.error;
        if (e instanceof NoSuchFileException) return ENOENT;
        if (e instanceof AccessDeniedException) return EACCES;
        if (e instanceof FileAlreadyExistsException) return EEXIST;
        if (e instanceof DirectoryNotEmptyException) return ENOTEMPTY;
        if (e instanceof NotDirectoryException) return ENOTDIR;
        if (e instanceof FileSystemLoopException) return ELOOP;
        String text = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (text != null) {
            // "error=2, No such file or directory" (process start) or a bare strerror text
            int eq = text.indexOf("error=");
            if (eq >= 0) {
                int k = eq + 6, j = k;
                while (j < text.length() && Character.isDigit(text.charAt(j))) j++;
                if (j > k) {
                    PosixError pe = BY_NUMBER.get(Integer.parseInt(text.substring(k, j)));
                    if (pe != null) return pe;
                }
            }
            String t = text.toLowerCase();
            PosixError pe = BY_TEXT.get(t);
            if (pe != null) return pe;
            for (PosixError p : values()) if (t.contains(p.strerror.toLowerCase())) return p;
            if (t.contains("stream closed") || t.contains("closed channel")) return EBADF;
        }
        return EIO;
    }

    /** A Tcl error "prefix: message" with errorCode POSIX NAME message. */
    public TclException error(String prefix) {
        return TclException.error(prefix + message, "POSIX", name(), message);
    }

    public static TclException error(String prefix, IOException e) {
        return of(e).error(prefix);
    }

    /** An I/O exception that carries its POSIX error (raised by drivers). */
    public static final class PosixException extends IOException {
        public final PosixError error;

        public PosixException(PosixError error) {
            super(error.message, null);
            this.error = error;
        }
    }

    public PosixException exception() { return new PosixException(this); }
}
