"""Turn a report-set folder into a `ReportSet` and every `Problem` found on the way.

`package` checks each workbook's zip before it is parsed; `workbook` (openpyxl, with
defusedxml) finds the sheets and headers of the contract and reads every cell; `contract`
names the sheets and columns, the one definition the reader, tests, scripts and benchmarks
share. `blank`, `returns` and `roll` write the officers' workbooks (reportgen new, collect,
roll): openpyxl stays in this package.
"""
