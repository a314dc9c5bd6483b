#include <float.h>
#include <stdio.h>
int main(void) {
  printf("%08x\n", _controlfp(0, 0));
  printf("%08x\n", _controlfp(0, _EM_ZERODIVIDE));
  printf("%08x\n", _controlfp(_RC_UP, _MCW_RC));
  /* On x64 the control word is the SSE unit's: the x87 unit keeps its
   * own (masks and rounding unchanged). */
  { unsigned short cw; __asm__ volatile("fnstcw %0" : "=m"(cw));
    printf("x87 control word %04x\n", cw); }
  printf("%08x\n", _controlfp(_PC_24, _MCW_PC));
  printf("%08x\n", _controlfp(_DN_FLUSH, _MCW_DN));
  printf("%08x\n", _control87(0, 0));
  volatile double a = 1.0, b = 3.0; volatile double c = a / b; (void)c;
  printf("status %08x\n", _statusfp());
  printf("clear %08x\n", _clearfp());
  printf("status %08x\n", _statusfp());
  _fpreset();
  printf("%08x\n", _controlfp(0, 0));
  unsigned int cur; int r = _controlfp_s(&cur, 0x12345678, 0xffffffff);
  printf("s %d %08x\n", r, cur);
  return 0;
}
