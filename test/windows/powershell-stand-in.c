/* A stand-in powershell.exe: if anything starts it, it leaves <itself>.ran beside itself. */
#include <windows.h>

int main(void) {
  char path[MAX_PATH + 8];
  DWORD length = GetModuleFileNameA(NULL, path, MAX_PATH);
  lstrcpyA(path + length, ".ran");
  CloseHandle(CreateFileA(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL));
  return 0;
}
