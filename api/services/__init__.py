"""Named queries -> typed documents: resolving ids, composing profiles, filtering and paging lists."""
