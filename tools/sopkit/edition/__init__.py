"""The print edition: one volume per language, as PDF (pandoc → typst) and as Word (pandoc → docx), from the same
model and labels as the site, with a SHA256SUMS manifest that `sop verify` checks."""
