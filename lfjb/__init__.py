"""lfjb: monthly board packs for England's Local Family Justice Boards."""

__version__ = "0.1.0"
