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
  porter import <ref> [--connection NAME] --name NAME [--description TEXT] [--label key=value]... SITES [--live | --cookies FILE] [--allow-signed-out]
  porter refresh <id> [--connection NAME] [--allow-signed-out] [--json]
  porter receipts [<id>] [--connection NAME] [--json]
  porter download <id> --out FILE [--connection NAME] [--force]
  porter delete <id>... [--connection NAME] [--yes]
  porter create --name NAME [--description TEXT] [--connection NAME]
  porter repair <id> [--connection NAME]       (a library profile listed as damaged)
  porter check <id> [--connection NAME] [--site SITE]... [--timeout SECONDS] [--json] [--yes]

SITES is --site SITE (repeatable; see porter sites) or --all-sites, and optionally
--include history,bookmarks,autofill,passwords — each is left out unless named. Names only
this computer knows (localhost, IP addresses, *.local) never travel with --site.

--live reads the sign-ins the disk copy cannot move (Windows app-bound cookies) through the
running browser: turn on chrome://inspect/#remote-debugging (edge://… in Edge) first and click
Allow when asked, then quit the browser when told. --cookies FILE takes them from an export
instead (cookies.txt, the JSON of Cookie-Editor or EditThisCookie, or a Playwright storageState
file).

When the chosen sites have cookies and none of them can be read (Windows would not unlock the key,
or the browser locks them to itself), import and refresh upload nothing and exit with code 3;
--allow-signed-out sends the profile anyway, signed out.

check starts one session at the service with the profile loaded read-only and opens each site
there: by default the sites of this computer's last upload of it (at most five); --site takes a
site name (opened at https://SITE/) or a full address. It uses the service's credits: it asks
first, or --yes. Exit 0 when every site is signed in, 3 when some are not, 1 when it could not run.

Exit codes: 0 done, 1 failed, 2 usage mistake, 3 signed out (nothing uploaded), 130 cancelled.

<ref> is a browser profile as \`porter browsers\` lists it, e.g. chrome:Default or firefox:default-release.
--connection defaults to the library on this computer. API keys are read from the environment
variable a connection names (--key-env); they are never given as arguments or stored by the CLI.
PORTER_HOME sets the home folder scanned for browsers; PORTER_DATA the app's data folder.
--log-file FILE writes a log of the run there (secrets left out; PORTER_LOG_LEVEL=debug for more).`
