package org.keepalived4j.codec.netlink;

import java.util.function.Function;

/** Result of decoding untrusted bytes: a value or an error message; decoders never throw. */
public sealed interface Decoded<T> {
    record Ok<T>(T value) implements Decoded<T> {
    }

    record Failed<T>(String error) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> failed(String error) {
        return new Failed<>(error);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; IllegalStateException naming the decode error if there is none. */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(((Failed<T>) this).error());
    }

    default String error() {
        return this instanceof Failed<T> f ? f.error() : null;
    }

    default <R> Decoded<R> map(Function<T, R> f) {
        return this instanceof Ok<T> ok ? new Ok<>(f.apply(ok.value())) : new Failed<>(error());
    }
}
