package dev.postmortem.query.readmodel;

import java.util.List;

/** One page of a list, with where it is in the whole. */
public record PageResult<T>(List<T> items, int page, int size, long total) {
}
