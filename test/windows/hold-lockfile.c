/*
 * Holds a file as a running Chrome holds User Data\lockfile (chrome/browser/process_singleton_win.cc):
 * opened for writing, shared for reading only, deleted when closed. Lets go once <file>.release exists.
 */
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
  if (argc != 2) return 2;
  HANDLE lock = CreateFileW(argv[1], GENERIC_WRITE, FILE_SHARE_READ, NULL, CREATE_ALWAYS,
                            FILE_ATTRIBUTE_NORMAL | FILE_FLAG_DELETE_ON_CLOSE, NULL);
  if (lock == INVALID_HANDLE_VALUE) return 1;
  wchar_t release[MAX_PATH + 16];
  lstrcpynW(release, argv[1], MAX_PATH);
  lstrcatW(release, L".release");
  while (GetFileAttributesW(release) == INVALID_FILE_ATTRIBUTES) Sleep(50);
  CloseHandle(lock);
  return 0;
}
