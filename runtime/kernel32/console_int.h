/*
 * console_int.h — kernel32's console input, shared by its files:
 * console_input.c (the input buffer, the input mode, the record calls),
 * console_keys.c (a terminal's bytes as key records) and console_read.c
 * (ReadConsole).
 */
#ifndef DLLSHARE_K32_CONSOLE_INT_H
#define DLLSHARE_K32_CONSOLE_INT_H

#include <stddef.h>
#include <termios.h>

#include "runtime/kernel32/k32int.h"

#define ENABLE_PROCESSED_INPUT 0x1
#define ENABLE_LINE_INPUT      0x2
#define ENABLE_ECHO_INPUT      0x4
#define KEY_EVENT	       0x1

/* Key records not read yet, oldest first. */
struct rt_con_keys {
	INPUT_RECORD *rec;
	size_t n, cap;
};

/* The console's input buffer; lock guards all of it. */
struct rt_conin {
	pthread_mutex_t lock;
	int fd;		     /* the terminal while it is raw, else -1 */
	DWORD mode;	     /* the input mode once fd is raw */
	struct termios base; /* the terminal when it first became raw */
	int based;
	int waiting; /* threads waiting for a key, the lock given up */
	struct rt_con_keys keys;
	unsigned char raw[64]; /* bytes not yet a whole key */
	size_t nraw;
	WCHAR *wrest; /* what a ReadConsoleW buffer did not take */
	size_t nwrest;
	char *arest; /* what a ReadConsoleA or ReadFile buffer did not */
	size_t narest;
};
extern struct rt_conin rt_conin;

/* console_keys.c: turns raw[0..*n) into key records appended to q;
 * the start of a sequence whose rest may come stays in raw (*n its
 * length) unless final, when every byte is taken.  lf_enter: the bytes
 * were typed while the terminal made Enter a LF (ICRNL), so LF is Enter. */
void rt_con_parse(struct rt_con_keys *q, unsigned char *raw, size_t *n,
		  int final, int lf_enter);

/* console_input.c, rt_conin.lock held.  fill turns what the terminal has
 * sent into records (block: until there is one, giving up the lock while
 * it waits); 0, or -1 when the terminal is gone.  take removes the first record
 * (waiting for one); 0, or -1 at the terminal's end. */
int rt_con_fill(int block);
int rt_con_take(INPUT_RECORD *r);
/* The console input terminal behind h, made raw: its fd, rt_conin.lock
 * taken; -1 with ERROR_INVALID_HANDLE for anything else.  unlock gives
 * the terminal its cooked settings back unless keys wait, and the lock;
 * engage makes terminal fd raw (rt_conin.lock held): 0, or -1 with the
 * last error. */
int rt_con_lock(HANDLE h);
void rt_con_unlock(void);
int rt_con_engage(int fd);

#endif
