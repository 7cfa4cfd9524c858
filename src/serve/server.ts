export async function startPreview(
  ..._a: unknown[]
): Promise<{ notify(): void; close(): Promise<void>; url: string }> {
  throw new Error('todo');
}
