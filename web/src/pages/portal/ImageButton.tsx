import { PictureOutlined } from '@ant-design/icons';
import type { Editor } from '@tiptap/react';
import { Button, Tooltip } from 'antd';
import { useRef } from 'react';
import { useShowError } from '../../api/errors.ts';
import { useUploadMedia } from '../../api/portal.ts';
import { useI18n } from '../../i18n/index.ts';

const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** Uploads an image to the portal and inserts it, its file name (without extension) as the alt text. */
export function ImageButton({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadMedia();
  const showError = useShowError();

  const chosen = (file: File | undefined) => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: (media) => {
        const alt = file.name.replace(/\.[^.]+$/, '');
        editor.chain().focus().setImage({ src: media.url, alt }).run();
      },
      onError: showError,
      onSettled: () => {
        if (input.current) input.current.value = '';
      },
    });
  };

  return (
    <>
      <Tooltip title={t('portal.tool.image')} mouseEnterDelay={0.6}>
        <Button
          size="small"
          type="text"
          aria-label={t('portal.tool.image')}
          loading={upload.isPending}
          onClick={() => input.current?.click()}
          data-testid="tool-image"
        >
          {upload.isPending ? null : <PictureOutlined />}
        </Button>
      </Tooltip>
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES}
        hidden
        style={{ display: 'none' }}
        onChange={(event) => chosen(event.target.files?.[0])}
        data-testid="tool-image-file"
      />
    </>
  );
}
