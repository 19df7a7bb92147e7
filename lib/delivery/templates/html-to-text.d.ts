// html-to-text ships no types: what @react-email/render's types and layout.tsx use of it.
declare module "html-to-text" {
  export interface SelectorDefinition {
    selector: string;
    format?: string;
    options?: Record<string, unknown>;
  }
  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    selectors?: SelectorDefinition[];
    [option: string]: unknown;
  }
  export function compile(options?: HtmlToTextOptions): (html: string, metadata?: unknown) => string;
}
