// mjml 5 ships no type declarations; this is the part of its API the engine uses.
declare module 'mjml' {
  interface MjmlError {
    line: number;
    message: string;
    tagName: string;
    formattedMessage: string;
  }
  export default function mjml2html(source: string, options?: { validationLevel?: 'strict' | 'soft' | 'skip'; keepComments?: boolean }): Promise<{ html: string; errors: MjmlError[] }>;
}
