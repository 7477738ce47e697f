"""Moving engagements in and out of a workspace as files.

Typical use::

    document = export_engagement(ws, engagement.id)
    write_document_file(document, "northwind.scrm.json")

    result = import_engagement(ws, read_document_file("northwind.scrm.json"))
    print(result.title, result.counts)
"""

from scrm_desk.interchange.engagement_json import (
    FORMAT,
    FORMAT_VERSION,
    MAX_DOCUMENT_BYTES,
    SECTIONS,
    EngagementDocument,
    EngagementExistsError,
    ImportResult,
    InvalidDocumentError,
    OnConflict,
    Problem,
    RecordListSection,
    describe_problems,
    dumps,
    export_engagement,
    import_engagement,
    load_document,
    read_document_file,
    records_left_out,
    write_document_file,
)

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_DOCUMENT_BYTES",
    "SECTIONS",
    "EngagementDocument",
    "EngagementExistsError",
    "ImportResult",
    "InvalidDocumentError",
    "OnConflict",
    "Problem",
    "RecordListSection",
    "describe_problems",
    "dumps",
    "export_engagement",
    "import_engagement",
    "load_document",
    "read_document_file",
    "records_left_out",
    "write_document_file",
]
