export class UsageError extends Error {}

export const usage = `porter — move logged-in browser profiles into cloud browser-profile services

Usage:
  porter browsers [--json]
  porter sites <ref> [--json]
  porter inspect <ref> [--service hcompany|webrun|local] [SITES] [--json]
  porter archive <ref> --out FILE [--format zip|tgz] SITES
  porter connections list [--json]
  porter connections add --kind hcompany|webrun --name NAME --url URL --key-env VARIABLE [--no-test]
  porter connections remove <name>
  porter connections test <name>
  porter list [--connection NAME] [--json]
  porter import <ref> [--connection NAME] --name NAME [--description TEXT] [--label key=value]... SITES [--live | --cookies FILE]
  porter refresh <id> [--connection NAME] [--json]
  porter receipts [<id>] [--connection NAME] [--json]
  porter download <id> --out FILE [--connection NAME] [--force]
  porter delete <id>... [--connection NAME] [--yes]
  porter create --name NAME [--description TEXT] [--connection NAME]

SITES is --site SITE (repeatable; see porter sites) or --all-sites, and optionally
--include history,bookmarks,autofill,passwords — each is left out unless named. Names only
this computer knows (localhost, IP addresses, *.local) never travel with --site.

--live reads the sign-ins the disk copy cannot move (Windows app-bound cookies) through the
running browser: turn on chrome://inspect/#remote-debugging first and click Allow when asked, then
quit the browser when told. --cookies FILE takes them from an export instead (cookies.txt, the JSON
of Cookie-Editor or EditThisCookie, or a Playwright storageState file).

<ref> is a browser profile as \`porter browsers\` lists it, e.g. chrome:Default or firefox:default-release.
--connection defaults to the library on this computer. API keys are read from the environment
variable a connection names (--key-env); they are never given as arguments or stored by the CLI.
PORTER_HOME sets the home folder scanned for browsers; PORTER_DATA the app's data folder.`
