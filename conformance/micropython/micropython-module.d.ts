// Types for the parts of @micropython/micropython-webassembly-pyscript (ships no .d.ts) that loopcheck uses.
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface MicroPython {
    runPython(code: string): unknown;
    runPythonAsync(code: string): Promise<unknown>;
    registerJsModule(name: string, module: object): void;
    globals: { get(key: string): unknown; set(key: string, value: unknown): void; delete(key: string): void };
    /** Emscripten's in-memory file system of the interpreter (its sys.path holds /lib). */
    FS: { mkdir(path: string): void; writeFile(path: string, data: string): void };
  }
  export function loadMicroPython(options?: {
    pystack?: number;
    heapsize?: number;
    linebuffer?: boolean;
    stdout?: (line: string) => void;
    stderr?: (line: string) => void;
  }): Promise<MicroPython>;
}
