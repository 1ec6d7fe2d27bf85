import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { isPastedBlock } from '#app/features/promotions/grid-paste.ts'
import { COL_W, ROW_H } from './grid-cell.tsx'
import { editorKeyAction } from './grid-keys.ts'

export type Editing = {
  row: number
  col: number
  text: string
  /** Began with F2 or a double click: arrows move the caret, not the selection. */
  caret: boolean
  baseVersion: number
}

/**
 * The input over the cell being edited. Enter and Tab commit and move, Escape cancels, leaving the cell commits;
 * a block pasted into it goes to the grid (onPasteBlock) instead of the input.
 */
export function CellEditor({
  editing,
  label,
  rtl,
  left,
  onCommit,
  onCancel,
  onPasteBlock,
  onFillRight,
}: {
  editing: Editing
  label: string
  rtl: boolean
  left: number
  onCommit: (text: string, move: { rows: number; cols: number } | null) => void
  onCancel: () => void
  onPasteBlock: (text: string) => void
  onFillRight: () => void
}) {
  const [text, setText] = useState(editing.text)
  const input = useRef<HTMLInputElement>(null)
  // Enter, Tab and Escape end editing before the input goes away; its blur must not commit a second time.
  const done = useRef(false)
  useEffect(() => {
    const el = input.current
    if (!el) return
    el.focus()
    if (editing.caret) el.setSelectionRange(el.value.length, el.value.length)
  }, [editing.caret])

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    event.stopPropagation()
    const action = editorKeyAction(event, editing.caret, rtl)
    if (!action) return
    event.preventDefault()
    done.current = true
    if (action.type === 'cancel') onCancel()
    else if (action.type === 'fillRight') {
      onCommit(text, { rows: 0, cols: 0 })
      onFillRight()
    } else onCommit(text, { rows: action.rows, cols: action.cols })
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    event.stopPropagation()
    const pasted = event.clipboardData.getData('text/plain')
    if (!isPastedBlock(pasted)) return
    event.preventDefault()
    done.current = true
    onPasteBlock(pasted)
  }

  return (
    <input
      ref={input}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onCopy={(e) => e.stopPropagation()}
      onMouseDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onBlur={() => {
        if (done.current) return
        done.current = true
        onCommit(text, null)
      }}
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      style={{
        position: 'absolute',
        top: editing.row * ROW_H,
        insetInlineStart: left,
        width: COL_W,
        height: ROW_H,
        zIndex: 15,
      }}
      className="border-0 bg-white px-2 text-end text-sm tabular-nums shadow-lg outline-2 -outline-offset-2 outline-brand-600"
    />
  )
}
