"""Career Workbook: guided exercises for managing your career, in the terminal."""

__version__ = "0.1.0"
