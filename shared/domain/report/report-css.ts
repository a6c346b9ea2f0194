/**
 * The printable report's one stylesheet (report-html.ts inlines it in a <style> element). Its own
 * module so the admin console's page can allow exactly this stylesheet by its hash when it shows
 * the report inside the console (web/console-page.ts), without carrying the report's renderer.
 */
export const REPORT_CSS = `@page{size:A4 portrait;margin:16mm 15mm 18mm}
*{box-sizing:border-box}html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10pt;line-height:1.4;font-variant-ligatures:none;color:#111;margin:0 auto;max-width:180mm;background:#fff}
h1{font-size:20pt;margin:0 0 2mm}h2{font-size:13pt;margin:7mm 0 2mm;padding-bottom:1mm;border-bottom:1.5pt solid #555;break-after:avoid;page-break-after:avoid}
h3{font-size:10.5pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}.sub{margin:0;color:#333}
figure,tr,.keep{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
table{border-collapse:collapse;width:100%;margin:1mm 0 2mm}th,td{border-bottom:.5pt solid #999;padding:1mm 1.5mm;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}thead th{border-bottom:1pt solid #111;font-weight:bold}tbody th{font-weight:normal}
table.cmp td,table.cmp thead th:not(:first-child){width:17%}table.wide{font-size:8.5pt}table.list th,table.list td{text-align:left}
figure{margin:1mm 0 3mm}svg{display:block;max-width:100%}svg .now{fill:#1f3a5f}svg .before{fill:#c8c8c8;stroke:#333;stroke-width:.8}
svg text{font-family:inherit;fill:#111}svg .l{font-size:11.5px}svg .v{font-size:10.5px}svg .axis{stroke:#111;stroke-width:1}
.empty{font-style:italic;color:#333}.explain{font-size:8.5pt;color:#333;margin:0 0 2mm}
footer{margin-top:8mm;padding-top:2mm;border-top:.5pt solid #999;font-size:8.5pt;color:#333}`;
