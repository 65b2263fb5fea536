"""The sandbox worker: runs logic-block code in fresh, limited, unprivileged processes."""
