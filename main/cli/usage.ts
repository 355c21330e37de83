export const usage = `Usage: ocr-desk <command> [options]

Commands:
  recognize <files or folders...>   Recognise printed text in images and PDFs (folders are walked).
  serve [--port N] [--workers N] [--allow-image-host HOST ...] [--qps ACTION=N ...]
        [--lan [--lan-host NAME ...] [--tls-cert FILE --tls-key FILE]]
                                       The local server: the Tencent-compatible cloud API at /,
                                       /v1/ocr, /healthz, on 127.0.0.1 (default port 8766, or
                                       the next free one; 0 = any); --lan: HTTPS on every
                                       interface. Stops on Ctrl-C or SIGTERM. While it runs,
                                       the commands below go to it.
  account create NAME --permission P   Create a sub-account; P is full, readonly or
                                       services:ID[,ID...] (general-basic, general-accurate,
                                       general-fast, handwriting, idcard, table, table-accurate).
  account list | disable NAME | enable NAME
  account password NAME                Set the password the UI's login checks (typed twice at
                                       a terminal, or the first line of standard input).
  key create [--account NAME]          Create an API key pair (default: for root); the
                                       SecretKey is printed once.
  key list [--account NAME] | disable ID | enable ID | delete ID
  license import FILE                  Add a prepaid package from a signed licence file.
  license issue --private-key FILE --service S --calls N [--valid-days D] [--machine ID]
                                       Sign a licence (vendor; prints the licence file).
  package list | refund ID             Packages with used and remaining calls; refund an unused
                                       prepaid package within 7 days of activation.
  service disable S | enable S         Disable a service (only with no paid calls left).
  payg on | off                        Pay-as-you-go beyond all packages, or refuse.
  payg prices FILE                     Set the price table (JSON: currency and, per service,
                                       tiers of {upTo, milliPerCall}; the last upTo null).
  bill [--month YYYY-MM]               The month's pay-as-you-go bill at the price table.
  machine-id                           This machine's id, for machine-bound licences.
  login-link                           A new one-time sign-in link to the running server's UI (as root).
  settings show                        The server's settings.
  settings set NAME VALUE...           image-url-hosts HOST... (none by default), qps ACTION=N|default...
                                       (these two apply to a running server at once), port N|default,
                                       lan on|off, lan-hosts NAME... (at the server's next start).
  store verify                         Check the usage ledger's hash chain end to end.
  store backup FILE | restore FILE     One file with db.json, the ledger and the key that opens
                                       the API keys (keep it safe); a restore keeps what it
                                       replaces in before-restore-<time>/.
  usage [--month YYYY-MM] [--by day|month] [--account NAME] [--service S]
                                       Requests, calls charged and failures (default: this
                                       month, by day, everyone).
  help                              Show this help.

Options of recognize:
  --lang L        A cloud LanguageType (zh, mix, auto) or Tesseract names joined with +
                  (eng, chi_sim, chi_tra, chi_sim+eng). Default: auto (chosen per image).
  --tier T        fast, standard (default) or accurate, like the cloud's three services.
  --page N        Only page N of each multi-page TIFF or PDF.
  --format F      text (default) or json (JSON Lines, one object per file or page).
  --out DIR       Write one result file per input into DIR instead of printing.
  --resume        With --out: skip inputs whose result file is already in DIR, so an
                  interrupted batch goes on where it stopped.
  --workers N     OCR threads (default: one per core).
  --timeout S     Give up on a page after S seconds.
  --single-line   Read each image as one line of text (a cropped field or signature).
  --table         Find the tables (ruled, ruled only across, or aligned without rules) and
                  write each input's as <name>.xlsx, a sheet per table with its merged cells,
                  into --out DIR or the current folder; every page of a PDF or TIFF unless
                  --page. With --format json the tables are also printed, a line per page.
  --ignore-text-layer
                  Read born-digital PDF pages from their pixels too, not from their own text.

Options of the administration commands:
  --data-dir D    The data directory (default: OCR_DESK_DATA, else the per-user
                  application-data folder, shared with the desktop app).
  --json          Print exactly one JSON document.

Exit code: 0 when every file was recognised, 1 when any failed, 2 for a usage error,
130 when interrupted (Ctrl+C).
`;
