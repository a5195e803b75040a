"""Bulk export and import of fiches (XLSX / CSV), and import of the national schema's CSV."""
