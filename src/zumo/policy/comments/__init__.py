"""Comments on practice examples, moderated by the institute."""
