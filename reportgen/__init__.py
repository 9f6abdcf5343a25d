"""reportgen: council performance workbooks in, Cabinet papers (DOCX, PDF, HTML) out."""

__version__ = "0.1.0"
