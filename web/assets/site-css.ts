/**
 * The one stylesheet of the hosted pages (form, confirmation, status page, console). Plain CSS,
 * system fonts, no images: contrast of at least 4.5:1 everywhere, a focus ring that is always
 * visible, nothing that needs a script to show.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1b1b1b;background:#fff}
body{margin:0}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.console .wrap{max-width:72rem}
a{color:#0b4f9c}
a:hover{color:#06356a}
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
main:focus{outline:none}
.skip{position:absolute;left:-10000px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem}
.top{background:#0b3d73;color:#fff;padding:.75rem 0;margin-bottom:1.5rem}
.top .wrap{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
.top a{color:#fff}
.org{font-weight:700}
h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
p,ul,ol{margin:0 0 1rem}
.lead{font-size:1.1rem}
.muted,.hint{color:#4a4a4a}
.hint{display:block;font-size:.95rem;margin:.1rem 0 .35rem}
fieldset{border:1px solid #8a8a8a;border-radius:4px;margin:0 0 1.5rem;padding:.75rem 1rem 1rem}
legend{font-weight:700;font-size:1.15rem;padding:0 .35rem}
.field{margin:0 0 1.1rem}
label,.label{display:block;font-weight:600}
.choice{display:flex;align-items:flex-start;gap:.5rem;margin:.35rem 0}
.choice label{font-weight:400}
.choice input{margin-top:.3rem;width:1.15rem;height:1.15rem;flex:none}
input[type=text],input[type=email],input[type=tel],input[type=date],input[type=number],input[type=datetime-local],input[type=search],select,textarea{font:inherit;width:100%;max-width:32rem;padding:.45rem .55rem;border:2px solid #5c5c5c;border-radius:3px;background:#fff;color:#1b1b1b}
textarea{max-width:100%;min-height:8rem}
input[aria-invalid=true],textarea[aria-invalid=true],select[aria-invalid=true]{border-color:#b3261e;border-width:3px}
.error{color:#b3261e;font-weight:600;display:block;margin:.2rem 0}
.error-summary{border:4px solid #b3261e;padding:1rem 1.25rem;margin:0 0 1.5rem;border-radius:4px}
.error-summary h2{margin-top:0;color:#b3261e}
.notice{border-left:6px solid #0b6e3a;background:#eef7f1;padding:.75rem 1rem;margin:0 0 1.5rem}
.warn{border-left:6px solid #b3261e;background:#fdf0ef;padding:.75rem 1rem;margin:0 0 1.5rem}
.box{border:1px solid #c8c8c8;border-radius:4px;padding:1rem 1.25rem;margin:0 0 1.5rem;background:#f7f8fa}
.reference{font-size:1.5rem;font-weight:700;letter-spacing:.02em}
.link-box{word-break:break-all;background:#fff;border:1px dashed #5c5c5c;padding:.5rem;display:block}
button,.button{font:inherit;font-weight:600;display:inline-block;padding:.55rem 1.1rem;border:2px solid #0b3d73;border-radius:4px;background:#0b3d73;color:#fff;cursor:pointer;text-decoration:none;margin:.25rem .5rem .25rem 0}
button.secondary,.button.secondary{background:#fff;color:#0b3d73}
button:hover{background:#06356a;color:#fff}
button[disabled]{opacity:.7;cursor:progress}
.counter{font-size:.9rem;color:#4a4a4a}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
details{margin:0 0 1.5rem;border:1px solid #c8c8c8;border-radius:4px;padding:.5rem 1rem}
summary{cursor:pointer;font-weight:600;padding:.25rem 0}
.dates{list-style:none;padding:0}
.dates li{padding:.35rem 0;border-bottom:1px solid #e1e1e1}
.timeline{list-style:none;padding:0;border-left:3px solid #0b3d73;margin-left:.5rem}
.timeline li{padding:0 0 .75rem 1rem;position:relative}
.timeline time{display:block;font-size:.95rem;color:#4a4a4a}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d0d0d0;vertical-align:top}
th{background:#f0f2f5}
.tag{display:inline-block;padding:0 .45rem;border-radius:3px;font-size:.9rem;font-weight:600}
.tag.overdue{background:#b3261e;color:#fff}
.tag.week{background:#8a4b00;color:#fff}
.tag.open{background:#e6ebf2;color:#1b1b1b}
nav.tabs ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:0 0 1rem}
nav.tabs a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.filters .field{margin:0}
.filters select,.filters input{width:auto}
.steps form{border-top:1px solid #d0d0d0;padding-top:.75rem}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 2rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1.5rem}
dt{font-weight:600}
dd{margin:0}
.js-hidden{display:none}
.prewrap{white-space:pre-wrap}
.tag.target{background:#e6ebf2;color:#1b1b1b;border:1px solid #5c5c5c}
.tag.hard{background:#fff;color:#1b1b1b;border:1px solid #5c5c5c}
th[scope=row]{background:none;font-weight:600}
.actions{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;margin:.5rem 0 1rem}
button.danger{background:#b3261e;border-color:#b3261e}
.letter{border:1px solid #c8c8c8;border-radius:4px;padding:.75rem 1rem;margin:0 0 1rem;background:#fff}
.letter-text{white-space:pre-wrap;font:inherit;margin:0 0 .75rem}
iframe.report{width:100%;height:80vh;border:1px solid #8a8a8a;background:#fff}
input.secret{font-family:ui-monospace,monospace;max-width:100%}
nav.tabs .who{margin-left:auto}
[hidden]{display:none!important}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
@media print{.top,.skip,button{display:none}}
`;
