// A photo in a note: a block that points at one record of the attachments table by id
// and carries its caption (also its alt text) and its pixel size (to reserve the space
// before the picture loads). The bytes never enter the note's JSON.
//
// This file is loaded by headless conversion in Node too, so it cannot import React or
// touch the DOM at load time: what the node looks like on screen is a renderer the app
// registers at startup with `setImageDecorator`; headless, `decorate()` returns null.
import {
  $applyNodeReplacement,
  $getDocument,
  DecoratorNode,
  nodeSchema,
  numberValue,
  stringValue,
  withField,
  type DOMExportOutput,
  type EditorConfig,
  type LexicalEditor,
  type LexicalNode,
  type LexicalParseJSON,
  type NodeKey,
  type SerializedLexicalNode,
  type SerializedPartial,
  type Spread,
} from 'lexical';

export type SerializedImageNode = Spread<
  {
    attachmentId: string;
    caption: string;
    width: number;
    height: number;
  },
  SerializedLexicalNode
>;

export interface ImagePayload {
  attachmentId: string;
  caption?: string;
  width?: number;
  height?: number;
}

/** What the on-screen renderer is given for one image node. */
export interface ImageDecoratorProps {
  nodeKey: NodeKey;
  attachmentId: string;
  caption: string;
  width: number;
  height: number;
}

type ImageDecorator = (props: ImageDecoratorProps, editor: LexicalEditor) => unknown;

let imageDecorator: ImageDecorator | null = null;

/** Called once by the app: how an image node is drawn in the editor. */
export function setImageDecorator(decorator: ImageDecorator | null): void {
  imageDecorator = decorator;
}

const imageNodeSchema = nodeSchema<ImageNode>()({
  attachmentId: withField(stringValue(), { field: '__attachmentId' }),
  caption: withField(stringValue(), { field: '__caption' }),
  width: withField(numberValue(), { field: '__width' }),
  height: withField(numberValue(), { field: '__height' }),
});

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface ImageNode {
  exportJSON(compact?: false): SerializedImageNode;
  exportJSON(compact: boolean): SerializedPartial<SerializedImageNode>;
  updateFromJSON(serializedNode: LexicalParseJSON<SerializedImageNode>): this;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ImageNode extends DecoratorNode<unknown> {
  /** @internal */
  __attachmentId: string;
  /** @internal */
  __caption: string;
  /** @internal */
  __width: number;
  /** @internal */
  __height: number;

  override $config() {
    return this.config('image', { extends: DecoratorNode, json: imageNodeSchema });
  }

  constructor(payload: ImagePayload = { attachmentId: '' }, key?: NodeKey) {
    super(key);
    this.__attachmentId = payload.attachmentId;
    this.__caption = payload.caption ?? '';
    this.__width = payload.width ?? 0;
    this.__height = payload.height ?? 0;
  }

  getAttachmentId(): string {
    return this.getLatest().__attachmentId;
  }

  setAttachmentId(attachmentId: string): this {
    const self = this.getWritable();
    self.__attachmentId = attachmentId;
    return self;
  }

  getCaption(): string {
    return this.getLatest().__caption;
  }

  setCaption(caption: string): this {
    const self = this.getWritable();
    self.__caption = caption;
    return self;
  }

  getWidth(): number {
    return this.getLatest().__width;
  }

  setWidth(width: number): this {
    const self = this.getWritable();
    self.__width = width;
    return self;
  }

  getHeight(): number {
    return this.getLatest().__height;
  }

  setHeight(height: number): this {
    const self = this.getWritable();
    self.__height = height;
    return self;
  }

  /** The caption stands for the photo in plain text, search and previews. Lexical only
   *  puts a blank line after element blocks, so a block decorator adds its own. */
  override getTextContent(): string {
    return this.getNextSibling() ? `${this.getCaption()}\n\n` : this.getCaption();
  }

  override isInline(): false {
    return false;
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const element = $getDocument().createElement('div');
    const className = config.theme['image'];
    if (typeof className === 'string') element.className = className;
    return element;
  }

  override updateDOM(): false {
    return false;
  }

  /** HTML copies (clipboard to other apps) carry the caption; the bytes stay in Carnet. */
  override exportDOM(): DOMExportOutput {
    const element = $getDocument().createElement('p');
    element.textContent = this.getCaption();
    element.setAttribute('data-carnet-attachment', this.getAttachmentId());
    return { element };
  }

  override decorate(editor: LexicalEditor): unknown {
    if (!imageDecorator) return null;
    return imageDecorator(
      {
        nodeKey: this.getKey(),
        attachmentId: this.__attachmentId,
        caption: this.__caption,
        width: this.__width,
        height: this.__height,
      },
      editor,
    );
  }
}

export function $createImageNode(payload: ImagePayload): ImageNode {
  return $applyNodeReplacement(new ImageNode(payload));
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}
