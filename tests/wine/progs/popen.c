/* popen.c — _popen/_pclose and system: what cmd.exe does with echo, exit,
 * type, set, redirection, a pipe and '^' escapes, and a Windows program
 * (this one, run as "popen.exe upper": stdin upper-cased to stdout, exit
 * status 9) run through them with pipes in both directions. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static char self[MAX_PATH];

static void show(const char *s)
{
	for (; *s; s++)
		printf(*s == '\r' ? "<CR>" : *s == '\n' ? "<LF>" : "%c", *s);
}

static void read_cmd(const char *cmd)
{
	char buf[512];
	size_t n;
	FILE *p = _popen(cmd, "r");

	if (!p) {
		printf("_popen(%s) failed\n", cmd);
		return;
	}
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = 0;
	printf("[");
	show(buf);
	printf("] _pclose %d\n", _pclose(p));
}

static int upper(void)
{
	int c;

	while ((c = getchar()) != EOF)
		putchar(toupper(c));
	return 9;
}

int main(int argc, char **argv)
{
	char cmd[MAX_PATH + 64];
	FILE *p;

	if (argc == 2 && !strcmp(argv[1], "upper"))
		return upper();
	GetModuleFileNameA(NULL, self, sizeof(self));
	_putenv("POPEN_VAR=some value");
	setvbuf(stdout, NULL, _IONBF, 0);

	read_cmd("echo hello");
	read_cmd("echo   spaced   words  ");
	read_cmd("exit 3");
	read_cmd("echo one& echo two");
	read_cmd("set POPEN_VAR");
	printf("system(NULL) %d\n", system(NULL));
	printf("system exit 4: %d\n", system("exit 4"));
	printf("system echo: %d\n", system("echo from system"));
	printf("redirect: %d\n", system("echo to a file> out.txt"));
	printf("append: %d\n", system("echo more>> out.txt"));
	read_cmd("type out.txt");
	printf("type missing: %d\n", system("type no_such_file.txt 2> nul"));

	snprintf(cmd, sizeof(cmd), "%s upper", self);
	p = _popen(cmd, "w");
	fputs("written to the child\nsecond line\n", p);
	printf("child through a write pipe, _pclose %d\n", _pclose(p));
	snprintf(cmd, sizeof(cmd), "%s upper < out.txt", self);
	read_cmd(cmd);
	snprintf(cmd, sizeof(cmd), "echo piped text| %s upper", self);
	read_cmd(cmd);
	snprintf(cmd, sizeof(cmd), "%s upper < out.txt > up.txt", self);
	printf("both redirected: %d\n", system(cmd));
	read_cmd("type up.txt");
	printf("_pclose(NULL) %d\n", _pclose(NULL));

	/* '^' makes the next character an ordinary one, outside quotes; a
	 * '^' that ends the line drops its last command. */
	read_cmd("echo a^&b");
	read_cmd("echo a^|b& echo c^>d^<e^^f");
	read_cmd("echo \"a^&b\" c^&d");
	read_cmd("echo x ^& echo y");
	read_cmd("echo a^&&echo b");
	printf("escaped name: %d\n", system("echo q> o^&x.txt"));
	read_cmd("type o^&x.txt");
	read_cmd("echo ^(p^)");
	read_cmd("echo one& echo a^");
	read_cmd("exit 5^");
	remove("out.txt");
	remove("up.txt");
	remove("o&x.txt");
	return 0;
}
