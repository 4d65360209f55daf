"""The audit log: who did what to which case, append-only. Write entries with `log.record`."""
